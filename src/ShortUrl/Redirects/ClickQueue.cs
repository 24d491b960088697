using System.Threading.Channels;

namespace ShortUrl.Redirects;

/// <summary>
/// Clicks on their way to the database. A redirect only enqueues (no I/O, no lock); <see cref="ClickWriter"/>
/// drains the queue in batches.
/// </summary>
public sealed class ClickQueue
{
    private readonly Channel<long> _channel = Channel.CreateUnbounded<long>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private long _enqueued;
    private long _written;

    public void Record(long linkId)
    {
        Interlocked.Increment(ref _enqueued);
        _channel.Writer.TryWrite(linkId);
    }

    internal ChannelReader<long> Reader => _channel.Reader;

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
