using Microsoft.EntityFrameworkCore;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Mcp;

/// <summary>
/// The public entries as MCP resources (<c>wiki://entries/{slug}</c>, Markdown): what any visitor may read, whoever
/// asks, so a resource never differs by token. Team entries are read with the read_entry tool, under the token's rights.
/// </summary>
public static class WikiResources
{
    public const string UriPrefix = "wiki://entries/";

    public static async ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken)
    {
        await using var db = await Db(request.Services!).CreateDbContextAsync(cancellationToken);
        var entries = await db.Entries.AsNoTracking().ReadableBy(reader: null).OrderBy(e => e.Kind).ThenBy(e => e.Title)
            .Select(e => new { e.Slug, e.Title, e.Kind }).ToListAsync(cancellationToken);
        return new ListResourcesResult
        {
            Resources = [.. entries.Select(e => new Resource { Uri = UriPrefix + e.Slug, Name = e.Slug, Title = e.Title, MimeType = "text/markdown", Description = EntryKinds.Label(e.Kind) })],
        };
    }

    public static async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri ?? "";
        var slug = uri.StartsWith(UriPrefix, StringComparison.Ordinal) ? uri[UriPrefix.Length..] : null;
        await using var db = await Db(request.Services!).CreateDbContextAsync(cancellationToken);
        var entry = slug is null ? null : await db.Entries.AsNoTracking().ReadableBy(reader: null).Where(e => e.Slug == slug)
            .Select(e => new { e.Title, e.BodyMarkdown }).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            throw new McpProtocolException($"There is no public entry at {uri}.", McpErrorCode.ResourceNotFound);
        }
        return new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = "text/markdown", Text = $"# {entry.Title}\n\n{entry.BodyMarkdown}" }] };
    }

    private static IDbContextFactory<WikiDbContext> Db(IServiceProvider services) => services.GetRequiredService<IDbContextFactory<WikiDbContext>>();
}
