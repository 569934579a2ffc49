/// Code-point order of two strings, the order canonical JSON sorts keys and records in. Compares UTF-8
/// bytes with memcmp: sorting a million grant ids through the generic `UTF8View` comparison would take
/// seconds, and `String.<` orders by canonical equivalence, which is not the same thing.
public func codePointPrecedes(_ lhs: String, _ rhs: String) -> Bool {
    var left = lhs
    var right = rhs
    return left.withUTF8 { a in
        right.withUTF8 { b in
            let common = min(a.count, b.count)
            if common > 0, let aBase = a.baseAddress, let bBase = b.baseAddress {
                let order = memcmp(aBase, bBase, common)
                if order != 0 { return order < 0 }
            }
            return a.count < b.count
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
