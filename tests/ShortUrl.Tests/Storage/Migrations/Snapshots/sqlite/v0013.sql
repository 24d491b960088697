-- Every SQL statement that the release on schema version 0013 runs, from SqliteStatements.
-- Frozen once released: the backward-compatibility test replays it against later migrations.
-- Written by the test run, not by hand: see docs/migrations.md.

-- name: SearchByText
SELECT urls.id AS Id, urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks, urls.password_hash AS PasswordHash, urls.created_by AS CreatedBy,
    urls.title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules, page.Total AS Total FROM (SELECT urls.id AS id, count(*) OVER () AS Total FROM urls WHERE urls.id IN (SELECT link_search.rowid AS id FROM link_search JOIN urls ON urls.id = link_search.rowid
WHERE link_search MATCH @Match AND ((@SeesProtected OR urls.password_hash IS NULL) OR urls.code LIKE @Pattern ESCAPE '\') UNION ALL SELECT urls.id FROM urls WHERE urls.index_later = 1 AND (urls.code LIKE @Pattern ESCAPE '\'
 OR ((@SeesProtected OR urls.password_hash IS NULL) AND (urls.url LIKE @Pattern ESCAPE '\' OR urls.title LIKE @Pattern ESCAPE '\'
     OR EXISTS (SELECT 1 FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                WHERE link_tags.url_id = urls.id AND tags.name LIKE @Pattern ESCAPE '\')))))
    AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy) AND (@TagsNeeded = 0 OR (@SeesProtected OR urls.password_hash IS NULL) AND urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded))
ORDER BY
    CASE @Sort WHEN 'clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END ASC,
    CASE @Sort WHEN '-clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END DESC,
    CASE @Sort WHEN 'code' THEN urls.code END ASC,
    CASE @Sort WHEN '-code' THEN urls.code END DESC,
    CASE WHEN @Sort IN ('title', '-title') THEN (CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END) IS NULL END ASC,
    CASE @Sort WHEN 'title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END ASC,
    CASE @Sort WHEN '-title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END DESC,
    CASE WHEN @Sort IN ('created', 'clicks', 'code', 'title') THEN urls.id END ASC,
    urls.id DESC LIMIT @Limit OFFSET @Offset) AS page JOIN urls ON urls.id = page.id ORDER BY
    CASE @Sort WHEN 'clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END ASC,
    CASE @Sort WHEN '-clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END DESC,
    CASE @Sort WHEN 'code' THEN urls.code END ASC,
    CASE @Sort WHEN '-code' THEN urls.code END DESC,
    CASE WHEN @Sort IN ('title', '-title') THEN (CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END) IS NULL END ASC,
    CASE @Sort WHEN 'title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END ASC,
    CASE @Sort WHEN '-title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END DESC,
    CASE WHEN @Sort IN ('created', 'clicks', 'code', 'title') THEN urls.id END ASC,
    urls.id DESC

-- name: SearchAllNewest
SELECT urls.id AS Id, urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks, urls.password_hash AS PasswordHash, urls.created_by AS CreatedBy,
    urls.title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules
FROM urls WHERE (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)
ORDER BY urls.id DESC LIMIT @Limit OFFSET @Offset

-- name: SearchAll
SELECT urls.id AS Id, urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks, urls.password_hash AS PasswordHash, urls.created_by AS CreatedBy,
    urls.title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules
FROM urls WHERE (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)
ORDER BY
    CASE @Sort WHEN 'clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END ASC,
    CASE @Sort WHEN '-clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END DESC,
    CASE @Sort WHEN 'code' THEN urls.code END ASC,
    CASE @Sort WHEN '-code' THEN urls.code END DESC,
    CASE WHEN @Sort IN ('title', '-title') THEN (CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END) IS NULL END ASC,
    CASE @Sort WHEN 'title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END ASC,
    CASE @Sort WHEN '-title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END DESC,
    CASE WHEN @Sort IN ('created', 'clicks', 'code', 'title') THEN urls.id END ASC,
    urls.id DESC LIMIT @Limit OFFSET @Offset

-- name: CountAll
SELECT count(*) FROM urls WHERE (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)

-- name: SearchNewestByText
SELECT urls.id AS Id, urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks, urls.password_hash AS PasswordHash, urls.created_by AS CreatedBy,
    urls.title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules
FROM (SELECT link_search.rowid AS id FROM link_search JOIN urls ON urls.id = link_search.rowid
WHERE link_search MATCH @Match AND ((@SeesProtected OR urls.password_hash IS NULL) OR urls.code LIKE @Pattern ESCAPE '\') AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy) AND (@TagsNeeded = 0 OR (@SeesProtected OR urls.password_hash IS NULL) AND urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded))
      UNION ALL
      SELECT urls.id FROM urls WHERE urls.index_later = 1 AND (urls.code LIKE @Pattern ESCAPE '\'
 OR ((@SeesProtected OR urls.password_hash IS NULL) AND (urls.url LIKE @Pattern ESCAPE '\' OR urls.title LIKE @Pattern ESCAPE '\'
     OR EXISTS (SELECT 1 FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                WHERE link_tags.url_id = urls.id AND tags.name LIKE @Pattern ESCAPE '\')))) AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy) AND (@TagsNeeded = 0 OR (@SeesProtected OR urls.password_hash IS NULL) AND urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded))
      ORDER BY 1 DESC LIMIT @Limit OFFSET @Offset) AS page
JOIN urls ON urls.id = page.id
ORDER BY urls.id DESC

-- name: CountByText
SELECT
    (SELECT count(*) FROM link_search WHERE link_search MATCH @Match
        AND (@SeesProtected OR link_search.rowid NOT IN (SELECT urls.id FROM urls WHERE urls.password_hash IS NOT NULL AND NOT (urls.code LIKE @Pattern ESCAPE '\')))
        AND (@CreatedBy IS NULL OR link_search.rowid IN (SELECT urls.id FROM urls WHERE urls.created_by = @CreatedBy))
        AND (@TagsNeeded = 0 OR link_search.rowid IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded)
             AND (@SeesProtected OR link_search.rowid NOT IN (SELECT urls.id FROM urls WHERE urls.password_hash IS NOT NULL))))
  + (SELECT count(*) FROM urls WHERE urls.index_later = 1 AND (urls.code LIKE @Pattern ESCAPE '\'
 OR ((@SeesProtected OR urls.password_hash IS NULL) AND (urls.url LIKE @Pattern ESCAPE '\' OR urls.title LIKE @Pattern ESCAPE '\'
     OR EXISTS (SELECT 1 FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                WHERE link_tags.url_id = urls.id AND tags.name LIKE @Pattern ESCAPE '\')))) AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy) AND (@TagsNeeded = 0 OR (@SeesProtected OR urls.password_hash IS NULL) AND urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded)))

-- name: SearchByShortText
SELECT urls.id AS Id, urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks, urls.password_hash AS PasswordHash, urls.created_by AS CreatedBy,
    urls.title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules, page.Total AS Total FROM (SELECT urls.id AS id, count(*) OVER () AS Total FROM urls WHERE (urls.code LIKE @Pattern ESCAPE '\'
 OR ((@SeesProtected OR urls.password_hash IS NULL) AND (urls.url LIKE @Pattern ESCAPE '\' OR urls.title LIKE @Pattern ESCAPE '\'
     OR EXISTS (SELECT 1 FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                WHERE link_tags.url_id = urls.id AND tags.name LIKE @Pattern ESCAPE '\')))) AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy) AND (@TagsNeeded = 0 OR (@SeesProtected OR urls.password_hash IS NULL) AND urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded))
ORDER BY
    CASE @Sort WHEN 'clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END ASC,
    CASE @Sort WHEN '-clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END DESC,
    CASE @Sort WHEN 'code' THEN urls.code END ASC,
    CASE @Sort WHEN '-code' THEN urls.code END DESC,
    CASE WHEN @Sort IN ('title', '-title') THEN (CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END) IS NULL END ASC,
    CASE @Sort WHEN 'title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END ASC,
    CASE @Sort WHEN '-title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END DESC,
    CASE WHEN @Sort IN ('created', 'clicks', 'code', 'title') THEN urls.id END ASC,
    urls.id DESC LIMIT @Limit OFFSET @Offset) AS page JOIN urls ON urls.id = page.id ORDER BY
    CASE @Sort WHEN 'clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END ASC,
    CASE @Sort WHEN '-clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END DESC,
    CASE @Sort WHEN 'code' THEN urls.code END ASC,
    CASE @Sort WHEN '-code' THEN urls.code END DESC,
    CASE WHEN @Sort IN ('title', '-title') THEN (CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END) IS NULL END ASC,
    CASE @Sort WHEN 'title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END ASC,
    CASE @Sort WHEN '-title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END DESC,
    CASE WHEN @Sort IN ('created', 'clicks', 'code', 'title') THEN urls.id END ASC,
    urls.id DESC

-- name: SearchNewestByShortText
SELECT urls.id AS Id, urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks, urls.password_hash AS PasswordHash, urls.created_by AS CreatedBy,
    urls.title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules
FROM urls WHERE (urls.code LIKE @Pattern ESCAPE '\'
 OR ((@SeesProtected OR urls.password_hash IS NULL) AND (urls.url LIKE @Pattern ESCAPE '\' OR urls.title LIKE @Pattern ESCAPE '\'
     OR EXISTS (SELECT 1 FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                WHERE link_tags.url_id = urls.id AND tags.name LIKE @Pattern ESCAPE '\')))) AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy) AND (@TagsNeeded = 0 OR (@SeesProtected OR urls.password_hash IS NULL) AND urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded))
ORDER BY urls.id DESC LIMIT @Limit OFFSET @Offset

-- name: CountByShortText
SELECT count(*) FROM urls
WHERE (urls.code LIKE @Pattern ESCAPE '\'
 OR ((@SeesProtected OR urls.password_hash IS NULL) AND (urls.url LIKE @Pattern ESCAPE '\' OR urls.title LIKE @Pattern ESCAPE '\'
     OR urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                    WHERE tags.name LIKE @Pattern ESCAPE '\')))) AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy) AND (@TagsNeeded = 0 OR (@SeesProtected OR urls.password_hash IS NULL) AND urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded))

-- name: SearchByTags
SELECT urls.id AS Id, urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks, urls.password_hash AS PasswordHash, urls.created_by AS CreatedBy,
    urls.title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules, page.Total AS Total FROM (SELECT urls.id AS id, count(*) OVER () AS Total FROM urls WHERE urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded) AND (@SeesProtected OR urls.password_hash IS NULL) AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)
ORDER BY
    CASE @Sort WHEN 'clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END ASC,
    CASE @Sort WHEN '-clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END DESC,
    CASE @Sort WHEN 'code' THEN urls.code END ASC,
    CASE @Sort WHEN '-code' THEN urls.code END DESC,
    CASE WHEN @Sort IN ('title', '-title') THEN (CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END) IS NULL END ASC,
    CASE @Sort WHEN 'title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END ASC,
    CASE @Sort WHEN '-title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END DESC,
    CASE WHEN @Sort IN ('created', 'clicks', 'code', 'title') THEN urls.id END ASC,
    urls.id DESC LIMIT @Limit OFFSET @Offset) AS page JOIN urls ON urls.id = page.id ORDER BY
    CASE @Sort WHEN 'clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END ASC,
    CASE @Sort WHEN '-clicks' THEN urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) END DESC,
    CASE @Sort WHEN 'code' THEN urls.code END ASC,
    CASE @Sort WHEN '-code' THEN urls.code END DESC,
    CASE WHEN @Sort IN ('title', '-title') THEN (CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END) IS NULL END ASC,
    CASE @Sort WHEN 'title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END ASC,
    CASE @Sort WHEN '-title' THEN lower((CASE WHEN (@SeesProtected OR urls.password_hash IS NULL) THEN urls.title END)) END DESC,
    CASE WHEN @Sort IN ('created', 'clicks', 'code', 'title') THEN urls.id END ASC,
    urls.id DESC

-- name: CountByTags
SELECT count(*) FROM urls WHERE urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
WHERE tags.name IN (SELECT value FROM json_each(@Tags))
GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded) AND (@SeesProtected OR urls.password_hash IS NULL) AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)

-- name: IndexMarkedLinks
INSERT INTO link_search (rowid, code, url, title, tags)
SELECT urls.id, urls.code, urls.url, urls.title,
       (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
FROM urls WHERE urls.id IN (SELECT id FROM urls WHERE index_later = 1 ORDER BY id LIMIT @Limit)

-- name: UnmarkIndexedLinks
UPDATE urls SET index_later = NULL WHERE id IN (SELECT id FROM urls WHERE index_later = 1 ORDER BY id LIMIT @Limit)

-- name: OpenConnection
PRAGMA busy_timeout = 3000; PRAGMA synchronous = NORMAL;

-- name: WaitForAnotherProcessesMigration
PRAGMA busy_timeout = 60000;

-- name: OpenWriter
PRAGMA busy_timeout = 3000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000;

-- name: EnableWal
PRAGMA journal_mode = WAL;

-- name: Insert
INSERT INTO urls (code, url, created_at, expires_at, max_clicks, password_hash, created_by, title, forward_query, redirect_rules, index_later)
VALUES (@Code, @Url, @CreatedAt, @ExpiresAt, @MaxClicks, @PasswordHash, @CreatedBy, @Title, @ForwardQuery, @RedirectRules, 1)
ON CONFLICT (code) DO NOTHING
RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
    title AS Title, '[]' AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules

-- name: FindByCode
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
    title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
FROM urls WHERE code = @Code

-- name: FindTargetByCode
SELECT id, url, expires_at, max_clicks, password_hash IS NOT NULL, forward_query, redirect_rules
FROM urls WHERE code = @Code

-- name: PlainLinksAfter
SELECT id, code, url FROM urls
WHERE id > @AfterId AND expires_at IS NULL AND max_clicks IS NULL AND password_hash IS NULL
    AND forward_query = 1 AND redirect_rules IS NULL
ORDER BY id LIMIT @Limit

-- name: Recent
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
    title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
FROM urls ORDER BY id DESC LIMIT @Limit

-- name: RecentByCreator
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
    title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
FROM urls WHERE created_by = @CreatedBy ORDER BY id DESC LIMIT @Limit

-- name: AddClicks
INSERT INTO link_clicks (url_id, clicks)
SELECT batch.value, @Count FROM json_each(@LinkIds) AS batch WHERE true
ON CONFLICT (url_id) DO UPDATE SET clicks = clicks + excluded.clicks

-- name: NextFoldEnd
SELECT MAX(url_id) FROM (SELECT url_id FROM link_clicks WHERE url_id > @AfterId ORDER BY url_id LIMIT @Limit)

-- name: FoldClicks
UPDATE urls SET clicks = urls.clicks + (SELECT pending.clicks FROM link_clicks AS pending WHERE pending.url_id = urls.id)
WHERE urls.id IN (SELECT url_id FROM link_clicks WHERE url_id > @AfterId AND url_id <= @UpToId)

-- name: ForgetFolded
DELETE FROM link_clicks WHERE url_id > @AfterId AND url_id <= @UpToId

-- name: AddVisits
INSERT INTO visits (url_id, minute, referrer, browser, os, bot, clicks)
SELECT batch.value, @Minute, @Referrer, @Browser, @Os, @Bot, @Visits FROM json_each(@LinkIds) AS batch WHERE true
ON CONFLICT (url_id, minute, referrer, browser, os, bot) DO UPDATE SET clicks = clicks + excluded.clicks

-- name: Export
SELECT urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt,
       urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
       COALESCE((SELECT SUM(v.clicks) FROM visits v WHERE v.url_id = urls.id AND v.bot = 1), 0) AS BotClicks,
       urls.password_hash IS NOT NULL AS IsProtected, urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks,
       urls.title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules
FROM urls ORDER BY urls.id

-- name: ExportByCreator
SELECT urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt,
       urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
       COALESCE((SELECT SUM(v.clicks) FROM visits v WHERE v.url_id = urls.id AND v.bot = 1), 0) AS BotClicks,
       urls.password_hash IS NOT NULL AS IsProtected, urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks,
       urls.title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules
FROM urls WHERE urls.created_by = @CreatedBy ORDER BY urls.id

-- name: Update
UPDATE urls SET
    url = CASE WHEN @ChangeUrl THEN @Url ELSE url END,
    expires_at = CASE WHEN @ChangeExpiresAt THEN @ExpiresAt ELSE expires_at END,
    max_clicks = CASE WHEN @ChangeMaxClicks THEN @MaxClicks ELSE max_clicks END,
    password_hash = CASE WHEN @ChangePasswordHash THEN @PasswordHash ELSE password_hash END,
    title = CASE WHEN @ChangeTitle THEN @Title ELSE title END,
    forward_query = CASE WHEN @ChangeForwardQuery THEN @ForwardQuery ELSE forward_query END,
    redirect_rules = CASE WHEN @ChangeRedirectRules THEN @RedirectRules ELSE redirect_rules END
WHERE code = @Code
RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
    title AS Title, (SELECT json_group_array(name) FROM (
    SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
    WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)) AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules

-- name: CountLimitedClick
UPDATE urls SET clicks = clicks + 1
WHERE id = @Id AND (max_clicks IS NULL OR urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) < max_clicks)

-- name: WriteNothing
UPDATE schema_migrations SET applied_at = applied_at || '.' WHERE version = (SELECT max(version) FROM schema_migrations);
UPDATE schema_migrations SET applied_at = substr(applied_at, 1, length(applied_at) - 1)
WHERE version = (SELECT max(version) FROM schema_migrations)

-- name: CreateMigrationHistory
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)

-- name: AddTags
INSERT INTO tags (name) SELECT value FROM json_each(@Tags) WHERE true
ON CONFLICT (name) DO NOTHING

-- name: TagLink
INSERT INTO link_tags (url_id, tag_id, position)
SELECT @UrlId, tags.id, given.key FROM json_each(@Tags) AS given JOIN tags ON tags.name = given.value
WHERE true ON CONFLICT DO NOTHING

-- name: TagCounts
SELECT tags.name AS Tag, count(*) AS Links, sum(urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0)) AS Clicks
FROM tags JOIN link_tags ON link_tags.tag_id = tags.id JOIN urls ON urls.id = link_tags.url_id
WHERE (@CreatedBy IS NULL OR urls.created_by = @CreatedBy) AND (@WithProtected OR urls.password_hash IS NULL)
GROUP BY tags.id ORDER BY tags.name

-- name: TagCount
SELECT tags.name AS Tag, count(*) AS Links, sum(urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0)) AS Clicks
FROM tags JOIN link_tags ON link_tags.tag_id = tags.id JOIN urls ON urls.id = link_tags.url_id
WHERE tags.name = @TagName
GROUP BY tags.id

-- name: FindUsedTag
SELECT tags.id FROM tags WHERE tags.name = @TagName AND EXISTS (SELECT 1 FROM link_tags WHERE link_tags.tag_id = tags.id)

-- name: AddVisitRow
INSERT INTO visit_log (url_id, visited_at, referrer, browser, os, bot, country)
VALUES (@UrlId, @VisitedAt, @Referrer, @Browser, @Os, @Bot, @Country)

-- name: AddOrphanVisit
INSERT INTO orphan_visits (kind, path, visited_at, referrer, browser, os, bot, country)
VALUES (@Kind, @Path, @VisitedAt, @Referrer, @Browser, @Os, @Bot, @Country)

-- name: LinkVisits
SELECT visited_at AS VisitedAt, referrer AS Referrer, browser AS Browser, os AS Os, bot AS Bot, country AS Country
FROM visit_log WHERE url_id = @UrlId AND visited_at >= @FromMs AND visited_at < @ToMs
ORDER BY visited_at DESC, id DESC LIMIT @Limit OFFSET @Offset

-- name: OrphanVisits
SELECT kind AS Kind, path AS Path, visited_at AS VisitedAt, referrer AS Referrer, browser AS Browser, os AS Os,
    bot AS Bot, country AS Country
FROM orphan_visits WHERE @Kind IS NULL OR kind = @Kind
ORDER BY id DESC LIMIT @Limit OFFSET @Offset

-- name: CountOrphanVisits
SELECT count(*) FROM orphan_visits WHERE @Kind IS NULL OR kind = @Kind

-- name: VisitsAcross
SELECT visit_log.visited_at AS VisitedAt, visit_log.referrer AS Referrer, visit_log.browser AS Browser,
    visit_log.os AS Os, visit_log.bot AS Bot, visit_log.country AS Country, urls.code AS Code
FROM visit_log JOIN urls ON urls.id = visit_log.url_id
WHERE visit_log.visited_at >= @FromMs AND visit_log.visited_at < @ToMs
    AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)
    AND (@Tag IS NULL OR visit_log.url_id IN (
        SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE tags.name = @Tag))
ORDER BY visit_log.visited_at DESC, visit_log.id DESC LIMIT @Limit OFFSET @Offset

-- name: CountVisitsAcross
SELECT count(*) FROM visit_log JOIN urls ON urls.id = visit_log.url_id
WHERE visit_log.visited_at >= @FromMs AND visit_log.visited_at < @ToMs
    AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)
    AND (@Tag IS NULL OR visit_log.url_id IN (
        SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE tags.name = @Tag))

-- name: VisitTotals
SELECT
    COALESCE((SELECT SUM(urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0))
        FROM urls WHERE @CreatedBy IS NULL OR urls.created_by = @CreatedBy), 0) AS Clicks,
    COALESCE((SELECT SUM(visits.clicks) FROM visits JOIN urls ON urls.id = visits.url_id
        WHERE visits.bot = 1 AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)), 0) AS Bots

-- name: CountLinks
SELECT count(*) FROM urls

-- name: Delete
DELETE FROM urls WHERE code = @DeletedCode

-- name: Ping
SELECT 1

-- name: ListApiKeys
SELECT name AS Name, role AS Role, key_hash AS KeyHash, created_at AS CreatedAt FROM api_keys ORDER BY name

-- name: InsertApiKey
INSERT INTO api_keys (name, role, key_hash, created_at) VALUES (@Name, @Role, @KeyHash, @CreatedAt)
ON CONFLICT DO NOTHING

-- name: DeleteApiKey
DELETE FROM api_keys WHERE name = @Name

-- name: ListApiKeyUses
SELECT name AS Name, last_used_at AS LastUsedAt FROM api_key_uses

-- name: RecordApiKeyUse
INSERT INTO api_key_uses (name, last_used_at) VALUES (@Name, @LastUsedAt)
ON CONFLICT (name) DO UPDATE SET last_used_at = excluded.last_used_at
WHERE excluded.last_used_at > api_key_uses.last_used_at

-- name: ForgetApiKeyUse
DELETE FROM api_key_uses WHERE name = @Name

-- name: ReadMigrationHistory
SELECT version AS Version, name AS Name, checksum AS Checksum, applied_at AS AppliedAt
FROM schema_migrations ORDER BY version

-- name: IsMigrationApplied
SELECT COUNT(*) FROM schema_migrations WHERE version = @Version

-- name: RecordMigration
INSERT INTO schema_migrations (version, name, checksum, applied_at)
VALUES (@Version, @Name, @Checksum, @AppliedAt)

-- name: ClicksByDay
SELECT minute / 1440 AS Day, CAST(bot AS bigint) AS Bot, CAST(SUM(clicks) AS bigint) AS Clicks FROM visits
WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
GROUP BY minute / 1440, bot

-- name: ClicksByVisitor
SELECT referrer AS Referrer, browser AS Browser, os AS Os, CAST(bot AS bigint) AS Bot, CAST(SUM(clicks) AS bigint) AS Clicks
FROM visits
WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
GROUP BY referrer, browser, os, bot

-- name: BotClicks
SELECT CAST(COALESCE(SUM(clicks), 0) AS bigint) FROM visits WHERE url_id = @UrlId AND bot = 1

-- name: UntagLink
DELETE FROM link_tags WHERE url_id = @UrlId

-- name: ForgetUnusedTag
DELETE FROM tags WHERE name = @TagName AND NOT EXISTS (SELECT 1 FROM link_tags WHERE link_tags.tag_id = tags.id)

-- name: RenameTag
UPDATE tags SET name = @NewName WHERE id = @TagId

-- name: UntagAll
DELETE FROM link_tags WHERE tag_id = @TagId

-- name: DeleteTag
DELETE FROM tags WHERE id = @TagId

-- name: FillTitle
UPDATE urls SET title = @Title WHERE code = @Code AND url = @Url AND title IS NULL

-- name: CountLinkVisits
SELECT count(*) FROM visit_log WHERE url_id = @UrlId AND visited_at >= @FromMs AND visited_at < @ToMs

-- name: DeleteLinkVisits
DELETE FROM visit_log WHERE url_id = @UrlId

-- name: CountryVisits
SELECT country AS Country, count(*) AS Visits FROM visit_log
WHERE url_id = @UrlId AND visited_at >= @FromMs AND visited_at < @ToMs AND bot = 0 AND country IS NOT NULL
GROUP BY country ORDER BY count(*) DESC, country LIMIT @Limit

-- name: OrphanCounts
SELECT kind AS Kind, count(*) AS Visits, CAST(SUM(bot) AS bigint) AS Bots FROM orphan_visits GROUP BY kind

-- name: PruneVisitLog
DELETE FROM visit_log WHERE id IN (SELECT id FROM visit_log ORDER BY id LIMIT @Limit) AND visited_at < @BeforeMs

-- name: PruneOrphanVisits
DELETE FROM orphan_visits WHERE id IN (SELECT id FROM orphan_visits ORDER BY id LIMIT @Limit) AND visited_at < @BeforeMs
