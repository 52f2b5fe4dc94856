namespace Promisingness.Web.Data;

/// <summary>A brainstorming question linked to a topic it bears on.</summary>
public sealed class QuestionTopic
{
    public int QuestionId { get; set; }
    public Entry? Question { get; set; }
    public int TopicId { get; set; }
    public Entry? Topic { get; set; }
}
