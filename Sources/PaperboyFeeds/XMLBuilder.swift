import Foundation

/// Appends escaped XML elements to a string. Attributes are written in the order given.
struct XMLBuilder {
    private(set) var output = ""

    mutating func raw(_ text: String) {
        output += text
    }

    /// `<name attr="…">escaped text</name>` followed by a newline.
    mutating func element(_ name: String, _ text: String, attributes: KeyValuePairs<String, String> = [:]) {
        output += "<" + name
        appendAttributes(attributes)
        output += ">" + XMLEscaping.escape(text) + "</" + name + ">\n"
    }

    /// `<name attr="…"/>` followed by a newline.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        output += "<" + name
        appendAttributes(attributes)
        output += "/>\n"
    }

    private mutating func appendAttributes(_ attributes: KeyValuePairs<String, String>) {
        for (key, value) in attributes {
            let escaped = XMLEscaping.escape(value)
                .replacingOccurrences(of: "\n", with: "&#10;")
                .replacingOccurrences(of: "\t", with: "&#9;")
            output += " " + key + "=\"" + escaped + "\""
        }
    }
}
