namespace Promisingness.Web.Data;

public sealed class TopicResearcher
{
    public int EntryId { get; set; }
    public Entry? Entry { get; set; }
    public int MemberId { get; set; }
    public Member? Member { get; set; }
    public int Position { get; set; }

    /// <summary>The name as the topic credits the person, which may differ from the team list ("Nguyen Nhat Minh").</summary>
    public required string CreditedAs { get; set; }
}
