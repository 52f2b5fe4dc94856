using Microsoft.EntityFrameworkCore;

namespace Promisingness.Web.Features.Entries;

/// <summary>One page of a longer list, numbered from 1, with how many pages and items there are in all.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int PageNumber, int PageCount, int Total)
{
    public PagedList<TOut> Select<TOut>(Func<T, TOut> map) => new([.. Items.Select(map)], PageNumber, PageCount, Total);
}

public static class Paging
{
    /// <summary>
    /// Reads one page of an ordered query. A page number past the end shows the last page, so an old link
    /// to page 9 of a list that has shrunk still shows something.
    /// </summary>
    public static async Task<PagedList<T>> ToPageAsync<T>(this IQueryable<T> ordered, int? requestedPage, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(requestedPage ?? 1, 1, pageCount);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<T>(items, page, pageCount, total);
    }
}
