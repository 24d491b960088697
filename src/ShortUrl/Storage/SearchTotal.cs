namespace ShortUrl.Storage;

/// <summary>
/// A search by text or tags counts its matches in its page's statement (a <c>Total</c> column on every row): it sorts
/// them all to pick the page anyway. Only a page with no rows leaves the total to a count of its own, and a first page
/// with none needs no count at all.
/// </summary>
internal static class SearchTotal
{
    public const string Column = "Total";

    /// <summary>The total when the page came back empty and counting it is not needed; null when it is.</summary>
    public static long? OfEmptyPage(bool pageCounts, LinkQuery query) => pageCounts && query.Offset == 0 ? 0 : null;
}
