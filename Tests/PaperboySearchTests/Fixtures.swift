import PaperboySearch

/// A small in-test corpus.
enum Fixtures {
    static let documents: [SearchDocument] = [
        SearchDocument(
            id: "2401.00001", title: "Sparse Attention for Long Documents",
            abstract: "We propose a sparse attention pattern with 2:4 structured sparsity that scales to long inputs.",
            authors: ["Tri Dao", "Albert Gu"], categories: ["cs.CL", "cs.LG"], day: 20240115, upvotes: 12),
        SearchDocument(
            id: "2402.00002", title: "Mixture-of-Experts Language Models",
            abstract: "A mixture of experts routes tokens to sparse experts. Sparsity improves efficiency.",
            authors: ["Noam Shazeer"], categories: ["cs.CL"], day: 20240220, upvotes: 40),
        SearchDocument(
            id: "2503.00003", title: "Dense Retrieval with Contrastive Learning",
            abstract: "Dense retrievers embed queries and documents; we study contrastive pre-training.",
            authors: ["Danqi Chen"], categories: ["cs.IR"], day: 20250310, upvotes: 5),
        SearchDocument(
            id: "2504.00004", title: "Image Segmentation in the Wild",
            abstract: "A vision model for segmentation of natural images with $O(n^2)$ cost.",
            authors: ["Kaiming He"], categories: ["cs.CV"], day: 20250401, upvotes: 0),
        SearchDocument(
            id: "2506.00005", title: "FlashAttention-3: Fast Attention",
            abstract: "Exact attention, faster on GPUs; no sparse approximation is needed.",
            authors: ["Tri Dao", "Jay Shah"], categories: ["cs.LG"], day: 20250615, upvotes: 90),
    ]
}
