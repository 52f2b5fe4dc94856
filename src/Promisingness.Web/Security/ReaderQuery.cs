using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

/// <summary>
/// A compiled query that lists only what its reader may read: compiled once per <see cref="ReadScope"/>, from a query
/// written with <see cref="ReadAccess.MayRead"/> and given to <see cref="ReadAccess.ForScope{TResult}"/>. Every
/// uncached entry page asks these, and building and matching their LINQ cost EF more than running them (bench/,
/// scenario 2).
/// </summary>
internal sealed class ReaderQuery<TQuery>(Func<ReadScope, TQuery> compile) where TQuery : class
{
    private readonly CompiledQuery<TQuery>[] byScope = [.. Enum.GetValues<ReadScope>().Select(scope => new CompiledQuery<TQuery>(() => compile(scope)))];

    public TQuery For(DbContext db, WikiUser? reader) => byScope[(int)ReadAccess.ScopeOf(reader)].For(db);
}
