using System.Threading.Channels;

namespace ShortUrl.Titles;

/// <summary>A link whose title is to be fetched: its code and the target the title is fetched from.</summary>
internal sealed record TitleFetch(string Code, string Url);

/// <summary>
/// The links waiting for their title, when <c>ShortUrl:FetchTitles</c> is on. Offering one never waits: a create
/// answers at once, and when too many links wait, the newest go without a title rather than queue without bound.
/// </summary>
internal sealed class TitleFetchQueue(IOptions<ShortUrlOptions> options)
{
    public const int Capacity = 1000;

    private readonly bool _enabled = options.Value.FetchTitles;
    private readonly Channel<TitleFetch> _pending = Channel.CreateBounded<TitleFetch>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });

    public bool IsEnabled => _enabled;

    public ChannelReader<TitleFetch> Pending => _pending.Reader;

    /// <summary>Queues the link's title to be fetched, unless fetching is off or the link has a title already.</summary>
    public void Offer(Link link)
    {
        if (_enabled && link.Title is null)
        {
            _pending.Writer.TryWrite(new TitleFetch(link.Code, link.Url));
        }
    }
}
