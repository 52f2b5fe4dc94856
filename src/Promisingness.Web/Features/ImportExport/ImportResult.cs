namespace Promisingness.Web.Features.ImportExport;

/// <summary>What an import did, for the person who ran it.</summary>
public sealed class ImportResult
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Removed { get; set; }
    public int Unchanged { get; set; }
    public int MembersAdded { get; set; }
    public int MembersChanged { get; set; }
    public int SettingsChanged { get; set; }
    public List<string> Changes { get; } = [];

    public bool ChangedAnything => Created + Updated + Removed + MembersAdded + MembersChanged + SettingsChanged > 0;

    public override string ToString() =>
        $"{Created} created, {Updated} updated, {Removed} marked removed, {Unchanged} unchanged; {MembersAdded} people added, {MembersChanged} changed.";
}
