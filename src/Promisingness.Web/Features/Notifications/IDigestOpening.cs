using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Notifications;

/// <summary>A line of a digest's opening: what waits, and the wiki path where it is (relative), if any.</summary>
public sealed record DigestLine(string Text, string? Path = null);

/// <summary>A list that opens a weekly digest, with what it says when nothing is in it.</summary>
public sealed record DigestSection(string Heading, IReadOnlyList<DigestLine> Lines, string Empty);

/// <summary>
/// What a member's weekly digest opens with, before what happened: a feature's own lists of what waits for them (the
/// review's, for the mentor). Features register theirs; the digest names none of them.
/// </summary>
public interface IDigestOpening
{
    /// <summary>
    /// The lists for <paramref name="reader"/>'s weekly digest going out at <paramref name="weekly"/> (Monday at the
    /// digest hour in <paramref name="zone"/>, the reader's); none when the reader has nothing of this kind to do.
    /// Only what the reader may read now.
    /// </summary>
    Task<IReadOnlyList<DigestSection>> ForAsync(WikiUser reader, DateTimeOffset weekly, TimeZoneInfo zone, CancellationToken cancellationToken);
}
