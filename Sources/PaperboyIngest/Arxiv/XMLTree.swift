import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PaperboyCore

/// A parsed XML element (named to stay clear of FoundationXML's `XMLElement`): local name, namespace, attributes, text and children. Responses from arXiv are
/// small (a page of records, capped in size before parsing), so a tree is simpler than one state machine per
/// format and costs little.
struct XMLTree: Sendable {
    var name: String
    var namespace: String?
    var attributes: [String: String]
    var children: [XMLTree] = []
    /// The element's own character data (not its children's), concatenated.
    var text = ""

    /// The first child called `name` (any namespace).
    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// All children called `name`.
    func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// The first descendant called `name`, depth first.
    func descendant(_ name: String) -> XMLTree? {
        for c in children {
            if c.name == name { return c }
            if let found = c.descendant(name) { return found }
        }
        return nil
    }

    /// The trimmed text of the first child called `name`, or `nil` when absent or blank.
    func value(_ name: String) -> String? {
        guard let t = child(name)?.text.trimmingWhitespace(), !t.isEmpty else { return nil }
        return t
    }

    /// Parses a whole document. Malformed or truncated XML throws an `upstream` error saying where.
    static func parse(_ data: Data, what: String) throws(PaperboyError) -> XMLTree {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, builder.stack.isEmpty, let root = builder.root else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "the document is incomplete"
            throw PaperboyError(.upstream, "\(what) is not well-formed XML (line \(parser.lineNumber): \(reason)).")
        }
        return root
    }
}

/// Builds ``XMLTree`` trees from `XMLParser` callbacks.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = []
    var root: XMLTree?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        stack.append(XMLTree(name: elementName, namespace: namespaceURI, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let done = stack.popLast() else { return }
        if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
    }
}
