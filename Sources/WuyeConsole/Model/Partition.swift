extension RandomAccessCollection {
    /// The first index whose element is not `before` (all before it are), by binary search:
    /// the collection must hold every such element ahead of the others.
    func partitioningIndex(where before: (Element) -> Bool) -> Index {
        var lo = startIndex
        var n = count
        while n > 0 {
            let half = n / 2
            let mid = index(lo, offsetBy: half)
            if before(self[mid]) {
                lo = index(after: mid)
                n -= half + 1
            } else {
                n = half
            }
        }
        return lo
    }
}
