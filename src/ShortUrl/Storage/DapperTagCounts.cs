using Dapper;

namespace ShortUrl.Storage;

/// <summary>The tag counts of both engines: one statement (<paramref name="tagCountsSql"/>) on a connection of their own.</summary>
internal sealed class DapperTagCounts(OpenConnection open, string tagCountsSql)
{
    /// <inheritdoc cref="ILabelStore.TagsAsync"/>
    public async Task<IReadOnlyList<TagCount>> TagsAsync(string? createdBy, bool withProtected, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var tags = await connection.QueryAsync<TagCount>(new CommandDefinition(
            tagCountsSql, new { CreatedBy = createdBy, WithProtected = withProtected }, cancellationToken: cancellationToken));
        return tags.AsList();
    }
}
