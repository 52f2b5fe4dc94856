namespace Promisingness.Web.Features.Credences;

/// <summary>A member's latest estimate; names are shown to members only. Mine: the reader's own, which they may withdraw.</summary>
public sealed record LatestCredence(string MemberName, double Probability, string Rationale, DateTimeOffset At, bool Mine);

/// <summary>One estimate on the chart: whose (by number, not by name), when, how likely.</summary>
public sealed record CredencePoint(int Person, DateTimeOffset At, double Probability);

public sealed record CredenceSummary(IReadOnlyList<LatestCredence> Latest, double? Median, int People, IReadOnlyList<CredencePoint> History, IReadOnlyList<string> Names)
{
    public static CredenceSummary Empty { get; } = new([], null, 0, [], []);
}
