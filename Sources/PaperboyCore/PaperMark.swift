/// A private mark a signed-in reader puts on a paper for their "For you" feed: `notInterested` takes the paper out
/// of their recommendations (and teaches the model what they do not want); `read` dims it on every list.
public enum PaperMark: String, Sendable, Hashable, Codable, CaseIterable {
    case notInterested = "not_interested"
    case read
}
