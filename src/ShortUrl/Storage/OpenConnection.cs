using System.Data.Common;

namespace ShortUrl.Storage;

/// <summary>Opens a connection of an engine's own, ready for Dapper; the caller disposes it.</summary>
internal delegate ValueTask<DbConnection> OpenConnection(CancellationToken cancellationToken);
