namespace ShortUrl.Storage;

/// <summary>
/// The search statements both dialects write alike but for their parts (the columns of a link, the author filter, the
/// sort): each dialect's statement class fills them with its own, so that its snapshots hold the whole statements.
/// </summary>
internal static class SearchTemplates
{
    /// <summary>The default order of every link, straight from the ids: newest first, no sort.</summary>
    public static string AllNewest(string linkColumns, string byCreator) => $"""
        SELECT {linkColumns}
        FROM urls WHERE {byCreator}
        ORDER BY urls.id DESC LIMIT @Limit OFFSET @Offset
        """;

    public static string All(string linkColumns, string byCreator, string orderBySort) => $"""
        SELECT {linkColumns}
        FROM urls WHERE {byCreator}
        {orderBySort} LIMIT @Limit OFFSET @Offset
        """;

    public static string CountAll(string byCreator) => $"SELECT count(*) FROM urls WHERE {byCreator}";
}
