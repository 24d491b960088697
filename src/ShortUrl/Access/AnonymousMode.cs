namespace ShortUrl.Access;

/// <summary>
/// What a caller without an API key may do (<c>ShortUrl:Anonymous</c>), each mode less than the one after it. In every
/// mode anyone may follow links, see their previews and QR codes, and open the page.
/// </summary>
internal enum AnonymousMode
{
    /// <summary>Nothing more: creating, listing and every other API call need a key.</summary>
    None = 0,

    /// <summary>Create links; listing, details and stats need a key.</summary>
    Create = 1,

    /// <summary>Create links, list the newest, and see details and stats of links without a password: an open page.</summary>
    CreateAndList = 2,
}
