import ArgumentParser
import Foundation
import PaperboyCore
import PaperboyStore
import PaperboyWeb

/// `paperboy users create|token|grant-moderator`: account administration for operators.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage accounts: create users, issue API tokens, grant the moderator role.",
        subcommands: [Create.self, Token.self, GrantModerator.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; the password is read from standard input (one line).")

        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Username (2–32 letters, digits, '-' or '_').") var name: String
        @Option(help: "E-mail address.") var email: String
        @Flag(help: "Read the password from standard input (required: passwords never go on the command line).")
        var passwordStdin = false
        @Option(help: "bcrypt cost (10–16).") var bcryptCost = 12

        func run() async throws {
            guard passwordStdin else { throw ValidationError("Pass --password-stdin and pipe the password in.") }
            guard let password = readLine(strippingNewline: true) else {
                throw ValidationError("No password on standard input.")
            }
            do {
                let username = try Username.validate(name)
                let address = try EmailAddress.normalise(email)
                try PasswordPolicy.check(password)
                let store = try await db.openStores().accounts
                let hash = await PasswordHasher(cost: bcryptCost).hash(password)
                let user = try await store.createUser(username: username, email: address, passwordHash: hash, at: Date())
                print("Created \(user.username) <\(user.email)> (id \(user.id)).")
            } catch let error as PaperboyError {
                throw ValidationError(error.message)
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user and print it (it is stored hashed and cannot be shown again).")

        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Username.") var name: String
        @Option(help: "A label to recognise the token by.") var label = "cli"

        func run() async throws {
            let store = try await db.openStores().accounts
            guard let user = try await store.user(username: name) else { throw ValidationError("No user '\(name)'.") }
            let made = try await APITokens.create(for: user, label: label, store: store, at: Date())
            print(made.secret)
        }
    }

    struct GrantModerator: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant-moderator", abstract: "Let a user hide comments, approve claims and edit daily lists.")

        @OptionGroup var db: DatabaseOptions
        @Argument(help: "Username.") var name: String

        func run() async throws {
            let store = try await db.openStores().accounts
            guard let user = try await store.user(username: name) else { throw ValidationError("No user '\(name)'.") }
            try await store.setModerator(userID: user.id, true)
            print("\(user.username) is now a moderator.")
        }
    }
}
