import ClerkGrantsCLI
import Foundation

let status = await ClerkGrantsCommand.run(Array(CommandLine.arguments.dropFirst()), context: .process())
exit(status)
