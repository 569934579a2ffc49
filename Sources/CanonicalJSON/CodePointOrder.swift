/// Code-point order of two strings, the order canonical JSON sorts keys and records in. Compares UTF-8
/// bytes with memcmp: sorting a million grant ids through the generic `UTF8View` comparison would take
/// seconds, and `String.<` orders by canonical equivalence, which is not the same thing.
public func codePointPrecedes(_ lhs: String, _ rhs: String) -> Bool {
    // Native strings expose their UTF-8 in place; only bridged or lazily stored ones need a copy.
    if let result = lhs.utf8.withContiguousStorageIfAvailable({ a in
        rhs.utf8.withContiguousStorageIfAvailable { b in bytesPrecede(a, b) }
    }), let result {
        return result
    }
    return Array(lhs.utf8).withUnsafeBufferPointer { a in Array(rhs.utf8).withUnsafeBufferPointer { b in bytesPrecede(a, b) } }
}

@inline(__always)
private func bytesPrecede(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let common = min(a.count, b.count)
    if common > 0, let aBase = a.baseAddress, let bBase = b.baseAddress {
        let order = memcmp(aBase, bBase, common)
        if order != 0 { return order < 0 }
    }
    return a.count < b.count
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
