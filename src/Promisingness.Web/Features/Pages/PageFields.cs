using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Pages;

/// <summary>A free page has no fields beyond the title, text, tags and visibility every entry has.</summary>
public sealed class PageFields : IEntryKindFields
{
    public EntryKind Kind => EntryKind.Page;
}
