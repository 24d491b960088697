using System.Data;
using Dapper;

namespace ShortUrl.Storage.Postgres;

/// <summary>
/// A link's tags as PostgreSQL returns them, a <c>text[]</c>, for Dapper: Npgsql names the column's type
/// <see cref="Array"/>, which Dapper would not match to <see cref="Link"/>'s <c>string[]</c> without a handler.
/// Parameters stay arrays, which Npgsql sends as <c>text[]</c>.
/// </summary>
internal sealed class PostgresTagArray : SqlMapper.TypeHandler<string[]>
{
    private static int _registered;

    /// <summary>Registers the handler with Dapper, once per process.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new PostgresTagArray());
        }
    }

    public override string[] Parse(object value) => value switch
    {
        string[] names => names,
        Array names => [.. names.Cast<string>()],
        _ => [],
    };

    public override void SetValue(IDbDataParameter parameter, string[]? value) => parameter.Value = value ?? (object)DBNull.Value;
}
