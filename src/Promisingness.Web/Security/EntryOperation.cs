namespace Promisingness.Web.Security;

/// <summary>What a user may ask to do with an entry; EntryPermissions answers each.</summary>
public enum EntryOperation
{
    Read,
    Create,
    Edit,
    Comment,
    ReadComments,
    MakePublic,
    Review,
}
