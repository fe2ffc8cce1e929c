import Foundation
import PaperboyCore

/// A linear classifier over unit-length paper vectors, trained by stochastic gradient descent on the log loss with
/// L2 regularisation: `P(like | v) = σ(w·v + b)`. Small enough to train per reader in milliseconds (a few hundred
/// examples × 384 dimensions × a few epochs) and to update after one vote with a few steps.
public struct LogisticRegression: Sendable, Hashable {
    public private(set) var weights: [Float]
    public private(set) var bias: Float = 0

    public struct Example {
        public var vector: [Float]
        public var label: Float
        public var weight: Float

        public init(vector: [Float], label: Float, weight: Float = 1) {
            self.vector = vector
            self.label = label
            self.weight = weight
        }
    }

    /// L2 strength and the step size of the first epoch (it decays as 1/(1 + epoch/4)).
    public static let l2: Float = 1e-3
    public static let learningRate: Float = 0.5

    public init(dimension: Int) {
        weights = [Float](repeating: 0, count: dimension)
    }

    public var dimension: Int { weights.count }

    /// The margin `w·v + b`.
    public func margin(_ v: [Float]) -> Float {
        precondition(v.count == weights.count)
        return weights.withUnsafeBufferPointer { w in
            v.withUnsafeBufferPointer { x in
                var s: Float = 0
                for i in 0..<w.count { s += w[i] * x[i] }
                return s + bias
            }
        }
    }

    public func probability(_ v: [Float]) -> Float { Self.sigmoid(margin(v)) }

    public static func sigmoid(_ z: Float) -> Float { 1 / (1 + (-z).clampedExp) }

    /// Trains `epochs` passes over `examples` in an order drawn from `rng` (deterministic for a seed).
    public mutating func train(_ examples: [Example], epochs: Int, rng: inout SeededGenerator) {
        guard !examples.isEmpty else { return }
        var order = Array(examples.indices)
        for epoch in 0..<epochs {
            order.shuffle(using: &rng)
            let rate = Self.learningRate / (1 + Float(epoch) / 4)
            for i in order { step(examples[i], rate: rate) }
        }
    }

    /// One gradient step on one example.
    public mutating func step(_ example: Example, rate: Float) {
        let error = (Self.sigmoid(margin(example.vector)) - example.label) * example.weight
        let decay = 1 - rate * Self.l2
        let g = rate * error
        weights.withUnsafeMutableBufferPointer { w in
            example.vector.withUnsafeBufferPointer { x in
                for i in 0..<w.count { w[i] = w[i] * decay - g * x[i] }
            }
        }
        bias -= g
    }
}

extension Float {
    /// `exp`, clamped so a large margin cannot overflow to infinity.
    var clampedExp: Float {
        let z = Swift.min(Swift.max(self, -30), 30)
        return Float(Foundation.exp(Double(z)))
    }
}
