import Foundation

// clerk-grants-bench: serves a generated tenant from the loopback fake Clerk server, runs the real
// `clerk-grants` executable against it as a child process, and prints what it cost. A benchmark, not a
// test: it prints figures and asserts nothing.
let status = await Benchmark.main(Array(CommandLine.arguments.dropFirst()))
exit(status)
