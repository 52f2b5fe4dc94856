using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Promisingness.Web.Data;

/// <summary>
/// An EF compiled query (EF.CompileAsyncQuery), compiled once for each model it meets. On the paths every save takes,
/// building and matching a LINQ expression cost EF more than running its statement (bench/, scenario 7); but EF
/// refuses to run a compiled query on another model than the one it first ran on, and the SQLite and PostgreSQL
/// contexts have a model each (the tests run both in one process).
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = [];

    public TQuery For(DbContext db) =>
        byModel.TryGetValue(db.Model, out var query) ? query : byModel.GetValue(db.Model, _ => compile());
}
