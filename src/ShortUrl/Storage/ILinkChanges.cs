namespace ShortUrl.Storage;

/// <summary>Edits and deletes made by other instances on the same database, for this instance's cache.</summary>
internal interface ILinkChanges
{
    /// <summary>False when one process owns the database (SQLite): its edits reach its cache directly.</summary>
    bool AreShared { get; }

    /// <summary>
    /// Listens until <paramref name="cancellationToken"/> fires, calling <paramref name="changed"/> with the code of every link
    /// that any instance edits or deletes from now on, and <paramref name="listening"/> once, as soon as nothing can be
    /// missed any more. Throws when the connection is lost: notifications sent meanwhile are lost with it.
    /// </summary>
    Task ListenAsync(Action<string> changed, Action listening, CancellationToken cancellationToken);
}
