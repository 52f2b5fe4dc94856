using System.Linq.Expressions;
using System.Reflection;
using Promisingness.Web.Data;

namespace Promisingness.Web.Security;

/// <summary>Which read rule applies to a reader: the rule differs in shape, not only in its values.</summary>
public enum ReadScope
{
    /// <summary>Anonymous visitors and locked accounts: Public entries only.</summary>
    Public,

    /// <summary>Researchers: all but Drafts, and the Drafts they wrote or are listed on.</summary>
    Member,

    /// <summary>Mentors and admins: everything.</summary>
    Everything,
}

/// <summary>
/// The read rule of EntryPermissions as a query filter, for lists: anonymous visitors see Public
/// entries, members Team ones too, and Drafts only mentors, admins, authors and listed researchers (and the person a summary is about).
/// </summary>
public static class ReadAccess
{
    private static readonly Expression<Func<Entry, bool>> PublicOnly = e => e.Visibility == Visibility.Public;

    private static readonly Expression<Func<Entry, string?, int, bool>> MemberRule = (e, userId, memberId) =>
        e.Visibility != Visibility.Draft
        || e.Revisions.Any(r => r.AuthorUserId == userId)
        || e.Researchers.Any(r => r.MemberId == memberId)
        || (e.Summary != null && e.Summary.AuthorMemberId == memberId);

    private static readonly MethodInfo MayReadMethod = typeof(ReadAccess).GetMethod(nameof(MayRead))!;

    public static ReadScope ScopeOf(WikiUser? reader) =>
        reader is null || reader.Locked ? ReadScope.Public : reader.SeesEverything ? ReadScope.Everything : ReadScope.Member;

    /// <summary>The ids a member's rule compares with, as a compiled query's arguments.</summary>
    public static (string? UserId, int MemberId) IdsOf(WikiUser? reader) => (reader?.Id, reader?.MemberId ?? -1);

    public static IQueryable<Entry> ReadableBy(this IQueryable<Entry> entries, WikiUser? reader) => ScopeOf(reader) switch
    {
        ReadScope.Public => entries.Where(PublicOnly),
        ReadScope.Everything => entries,
        // The ids are read from an object, not written into the tree, so EF sends them as parameters and
        // caches one query for every member.
        _ => entries.Where(MemberFilter(reader!)),
    };

    /// <summary>
    /// Stands for the read rule inside a query given to <see cref="ForScope{TResult}"/>, which replaces it with the
    /// rule of one scope before EF compiles the query. It cannot run on its own.
    /// </summary>
    public static bool MayRead(Entry entry, string? userId, int memberId) =>
        throw new InvalidOperationException($"{nameof(MayRead)} only stands in a query given to {nameof(ForScope)}.");

    /// <summary>
    /// The query with each <see cref="MayRead"/> replaced by the rule of <paramref name="scope"/>, to compile once per
    /// scope (see ReaderQuery): EF's compiled queries cannot take ReadableBy's differently shaped filters.
    /// </summary>
    public static Expression<Func<WikiDbContext, string, string?, int, TResult>> ForScope<TResult>(
        ReadScope scope, Expression<Func<WikiDbContext, string, string?, int, TResult>> query) =>
        (Expression<Func<WikiDbContext, string, string?, int, TResult>>)new RuleInliner(scope).Visit(query);

    private sealed record ReaderIds(string? UserId, int MemberId);

    private static Expression<Func<Entry, bool>> MemberFilter(WikiUser reader)
    {
        var (userId, memberId) = IdsOf(reader);
        var ids = Expression.Constant(new ReaderIds(userId, memberId));
        var entry = MemberRule.Parameters[0];
        return Expression.Lambda<Func<Entry, bool>>(
            Rule(ReadScope.Member, entry, Expression.Property(ids, nameof(ReaderIds.UserId)), Expression.Property(ids, nameof(ReaderIds.MemberId))),
            entry);
    }

    private static Expression Rule(ReadScope scope, Expression entry, Expression userId, Expression memberId) => scope switch
    {
        ReadScope.Public => new Replace((PublicOnly.Parameters[0], entry)).Visit(PublicOnly.Body),
        ReadScope.Everything => Expression.Constant(true),
        _ => new Replace((MemberRule.Parameters[0], entry), (MemberRule.Parameters[1], userId), (MemberRule.Parameters[2], memberId)).Visit(MemberRule.Body),
    };

    private sealed class RuleInliner(ReadScope scope) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) => node.Method == MayReadMethod
            ? Rule(scope, Visit(node.Arguments[0]), Visit(node.Arguments[1]), Visit(node.Arguments[2]))
            : base.VisitMethodCall(node);
    }

    private sealed class Replace(params (ParameterExpression Parameter, Expression With)[] replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.FirstOrDefault(r => r.Parameter == node).With ?? node;
    }
}
