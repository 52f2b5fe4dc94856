namespace Promisingness.Web.Data;

/// <summary>A mentoring program a researcher belongs to (AISC, MARS, SPAR; more can be added).</summary>
public sealed class ResearchProgram
{
    public int Id { get; set; }
    public required string Code { get; set; }

    /// <summary>The name as the README's team block writes it, e.g. "AI Safety Camp".</summary>
    public required string Name { get; set; }
}
