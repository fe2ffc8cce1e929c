import Foundation
import Mustache
import PaperboyCore

/// Who is looking, as every page's frame shows it: the account links, the CSRF token forms carry.
struct VisitorView: Sendable {
    /// The signed-in user's name; `nil` for anonymous visitors.
    var username: String?
    var isModerator: Bool
    /// The session's CSRF token (`nil` without a session).
    var csrf: String?

    init(viewer: User?, csrf: String?) {
        self.init(username: viewer?.username, isModerator: viewer?.isModerator ?? false, csrf: csrf)
    }

    init(username: String?, isModerator: Bool, csrf: String?) {
        self.username = username
        self.isModerator = isModerator
        self.csrf = csrf
    }

    static let anonymous = VisitorView(viewer: nil, csrf: nil)

    var signedIn: Bool { username != nil }
}

extension VisitorView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "username": return username
        case "isModerator": return isModerator
        case "csrf": return csrf
        case "signedIn": return signedIn
        default: return nil
        }
    }
}

/// A page's view model plus the visitor (and the asset paths): templates reach the visitor as `{{#visitor}}…{{/visitor}}` from any depth.
struct PageEnvelope: MustacheParent {
    let page: Any
    let visitor: VisitorView
    var assets = AssetPaths.plain

    func child(named name: String) -> Any? {
        if name == "visitor" { return visitor }
        if name == "assets" { return assets }
        if let parent = page as? any MustacheParent { return parent.child(named: name) }
        guard let value = Mirror(reflecting: page).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
