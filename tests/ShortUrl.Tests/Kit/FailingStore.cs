using System.Reflection;

namespace ShortUrl.Tests.Kit;

/// <summary>
/// A store seam whose every call fails, as a bug or a broken disk would make it, whatever methods the seam grows:
/// <c>FailingStore.Of&lt;ILinkStore&gt;()</c>, to put in a test service's container in place of the real one.
/// </summary>
public class FailingStore : DispatchProxy
{
    public const string Message = "FailingStore: nothing works";

    public static T Of<T>() where T : class => Create<T, FailingStore>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new InvalidOperationException(Message);
}
