import Foundation
import Mustache
import PaperboyCore

/// The mails' Mustache templates, `Templates/*.mustache` shipped as bundle resources (`digest_html`, `digest_text`,
/// `paper_html`, … — one HTML and one plain-text template per mail).
///
/// Text templates declare `{{% CONTENT_TYPE: TEXT}}` (nothing escaped); HTML templates declare
/// `{{% CONTENT_TYPE: PAPERBOY_HTML}}`, which escapes every `{{x}}` with ``HTMLEscaping`` — by Unicode scalar, so a
/// quote followed by a combining mark is escaped too (Mustache's own HTML type works by `Character` and would let it
/// through). No triple mustaches.
struct MailTemplates: Sendable {
    let library: MustacheLibrary

    /// The content type HTML mail templates declare.
    static let htmlContentType = "PAPERBOY_HTML"

    private struct ScalarHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }

    /// Reads and parses the bundled templates.
    static func load() throws(PaperboyError) -> MailTemplates {
        // Registering again replaces an equal entry: safe from any thread (Mustache locks its table).
        MustacheContentTypes.register(ScalarHTML(), named: htmlContentType)
        guard let base = Bundle.module.resourceURL else {
            throw PaperboyError(.internal, "The mail templates are missing from the installation.")
        }
        // On Linux the copied folder can itself be the resource path (see MACHINE-NOTES.md).
        let fm = FileManager.default
        let candidates = [base.appendingPathComponent("Templates"), base]
        guard let directory = candidates.first(where: {
            fm.fileExists(atPath: $0.appendingPathComponent("digest_html.mustache").path)
        }) else {
            throw PaperboyError(.internal, "The mail templates are missing from \(base.path).")
        }
        do {
            var templates: [String: MustacheTemplate] = [:]
            for name in try fm.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".mustache") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            }
            return MailTemplates(library: MustacheLibrary(templates: templates))
        } catch {
            throw PaperboyError(.internal, "The mail templates in \(directory.path) cannot be read.", cause: error)
        }
    }

    /// `name`'s HTML and plain-text parts rendered with `object`.
    func render(_ name: String, _ object: Any) throws(PaperboyError) -> (html: String, text: String) {
        guard let html = library.render(object, withTemplate: name + "_html"),
              let text = library.render(object, withTemplate: name + "_text") else {
            throw PaperboyError(.internal, "The mail template \(name) is missing.")
        }
        return (html, text)
    }
}
