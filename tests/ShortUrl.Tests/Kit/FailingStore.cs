using System.Reflection;

namespace ShortUrl.Tests.Kit;

/// <summary>
/// A store seam whose every call fails, as a bug or a broken disk would make it, whatever methods the seam grows:
/// <c>FailingStore.Of&lt;ILinkStore&gt;()</c>, to put in a test service's container in place of the real one; or
/// <c>FailingStore.Of&lt;ILinkStore&gt;(() =&gt; new SqliteException("disk full", 13))</c> for the database's own error.
/// </summary>
public class FailingStore : DispatchProxy
{
    public const string Message = "FailingStore: nothing works";

    private Func<Exception> _failure = () => new InvalidOperationException(Message);

    public static T Of<T>() where T : class => Create<T, FailingStore>();

    public static T Of<T>(Func<Exception> failure) where T : class
    {
        var store = Create<T, FailingStore>();
        ((FailingStore)(object)store)._failure = failure;
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw _failure();
}
