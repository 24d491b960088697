namespace ShortUrl.Storage;

/// <summary>What a link is called and filed under: its title (null: none) and its tags, normalised, in the order given.</summary>
internal sealed record LinkLabels(string? Title, IReadOnlyList<string> Tags)
{
    public static readonly LinkLabels None = new(null, []);
}
