using System.Threading.Channels;

namespace ShortUrl.Redirects;

/// <summary>
/// Clicks on their way to the database. A redirect only enqueues a small <see cref="Visit"/> (no I/O, no lock, no
/// parsing); <see cref="ClickWriter"/> drains the queue in batches.
/// </summary>
public sealed class ClickQueue(TimeProvider time)
{
    private readonly Channel<Visit> _channel = Channel.CreateUnbounded<Visit>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private long _enqueued;
    private long _written;

    public void Record(long linkId, IHeaderDictionary headers)
    {
        Interlocked.Increment(ref _enqueued);
        _channel.Writer.TryWrite(new Visit(linkId, time.GetUtcNow().UtcTicks, headers.Referer, headers.UserAgent));
    }

    internal ChannelReader<Visit> Reader => _channel.Reader;

    internal void MarkWritten(int count) => Interlocked.Add(ref _written, count);

    /// <summary>Waits until every click recorded before the call is in the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _written) < target)
        {
            await Task.Delay(5, cancellationToken);
        }
    }
}
