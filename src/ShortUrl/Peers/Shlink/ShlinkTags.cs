using System.Text.Json;

namespace ShortUrl.Peers.Shlink;

/// <summary>Shlink's <c>/tags</c>: names, stats, rename and delete, over the label store; renames and deletes need an admin key.</summary>
internal static class ShlinkTags
{
    public static async Task<Ok<ShlinkTagList>> List(HttpContext context, ILabelStore labels, CancellationToken cancellationToken)
    {
        var tags = await labels.TagsAsync(Requester.Of(context).OnlyLinksOf, withProtected: true, cancellationToken);
        return TypedResults.Ok(new ShlinkTagList(new ShlinkTagNames(tags.Select(tag => tag.Tag).ToList())));
    }

    public static async Task<Ok<ShlinkTagStatsList>> Stats(HttpContext context, ILabelStore labels, CancellationToken cancellationToken)
    {
        var tags = await labels.TagsAsync(Requester.Of(context).OnlyLinksOf, withProtected: true, cancellationToken);
        var data = tags.Select(tag => new ShlinkTagStats(tag.Tag, tag.Links, ShlinkVisitsSummary.Of(tag.Clicks, 0))).ToList();
        return TypedResults.Ok(new ShlinkTagStatsList(new ShlinkTagStatsPage(data, ShlinkPagination.Of(1, Math.Max(1, data.Count), data.Count))));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Rename(HttpContext context, ILabelStore labels, CancellationToken cancellationToken)
    {
        if (Requester.Of(context).Caller is not { IsAdmin: true })
        {
            return ShlinkProblems.ForbiddenTagOperation("rename");
        }

        if (await BoundedBody.ReadAllAsync(context.Request, cancellationToken) is not { } body)
        {
            return ShlinkProblems.InvalidData("body");
        }

        string? oldName, newName;
        try
        {
            using var document = StrictJson.Parse(body, maxDepth: 4);
            var root = document.RootElement;
            oldName = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("oldName", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            newName = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("newName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        catch (JsonException)
        {
            return ShlinkShortUrlInput.MalformedBody();
        }

        var current = LinkLabelsInput.Normalise(oldName);
        var renamed = LinkLabelsInput.Normalise(newName);
        if (current is null || renamed is null)
        {
            return ShlinkProblems.InvalidData([.. current is null ? ["oldName"] : Array.Empty<string>(), .. renamed is null ? ["newName"] : Array.Empty<string>()]);
        }

        return (await labels.RenameTagAsync(current, renamed, cancellationToken)).Outcome switch
        {
            TagEdit.Done => TypedResults.NoContent(),
            TagEdit.NameTaken => ShlinkProblems.TagConflict(current, renamed),
            _ => ShlinkProblems.TagNotFound(oldName!),
        };
    }

    /// <summary>Shlink deletes the tags it finds and says nothing of the others.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext context, ILabelStore labels, CancellationToken cancellationToken)
    {
        if (Requester.Of(context).Caller is not { IsAdmin: true })
        {
            return ShlinkProblems.ForbiddenTagOperation("delete");
        }

        var query = context.Request.Query;
        string[] names = [.. query["tags[]"].OfType<string>(), .. query["tags"].OfType<string>()];
        if (names.Length > LinkLabelsInput.MaxTagsPerLink * 5)
        {
            return ShlinkProblems.InvalidData("tags");
        }

        foreach (var name in names.Select(name => LinkLabelsInput.Normalise(name)).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            await labels.DeleteTagAsync(name, cancellationToken);
        }

        return TypedResults.NoContent();
    }
}
