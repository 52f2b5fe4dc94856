namespace Promisingness.Web.Data;

/// <summary>A person on the team, with or without an account: the README lists people who may never sign in.</summary>
public sealed class Member
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public int? ProgramId { get; set; }
    public ResearchProgram? Program { get; set; }
    public MemberRole Role { get; set; }

    /// <summary>Order in the README's team block, so an export lists people as the team wrote them.</summary>
    public int Position { get; set; }

    public bool InReadme { get; set; } = true;
    public List<TopicResearcher> Topics { get; set; } = [];
}
