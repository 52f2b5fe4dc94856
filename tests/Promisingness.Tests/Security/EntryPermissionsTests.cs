using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Security;

/// <summary>The accounts issue's "who may do what" table, row by row, against the one rule.</summary>
public sealed class EntryPermissionsTests
{
    private const int Aisc = 1;
    private const int Mars = 2;
    private const int ListedMemberId = 42;

    public enum Actor { Anonymous, ResearcherOwnProgram, ResearcherOtherProgram, ResearcherOtherProgramListed, Author, Mentor, Admin, LockedAdmin }

    private static WikiUser? User(Actor actor) => actor switch
    {
        Actor.ResearcherOwnProgram => new("r-aisc", "Ada", Roles.Researcher, Aisc, 1, false),
        Actor.ResearcherOtherProgram => new("r-mars", "Max", Roles.Researcher, Mars, 2, false),
        Actor.ResearcherOtherProgramListed => new("r-listed", "Lin", Roles.Researcher, Mars, ListedMemberId, false),
        Actor.Author => new("author", "Aut", Roles.Researcher, Aisc, 3, false),
        Actor.Mentor => new("mentor", "Bogdan", Roles.Mentor, null, 4, false),
        Actor.Admin => new("admin", "Root", Roles.Admin, null, null, false),
        Actor.LockedAdmin => new("locked", "Gone", Roles.Admin, null, null, true),
        _ => null,
    };

    private static EntryAccessFacts Entry(Visibility visibility, int? owner = Aisc) =>
        new(visibility, owner, new HashSet<string> { "author" }, new HashSet<int> { ListedMemberId });

    // actor, operation, visibility, owner (null = shared), expected
    public static TheoryData<Actor, EntryOperation, Visibility, int?, bool> Matrix()
    {
        var data = new TheoryData<Actor, EntryOperation, Visibility, int?, bool>();
        void Row(EntryOperation op, Visibility v, int? owner, bool anonymous, bool own, bool other, bool mentor, bool admin)
        {
            data.Add(Actor.Anonymous, op, v, owner, anonymous);
            data.Add(Actor.ResearcherOwnProgram, op, v, owner, own);
            data.Add(Actor.ResearcherOtherProgram, op, v, owner, other);
            data.Add(Actor.Mentor, op, v, owner, mentor);
            data.Add(Actor.Admin, op, v, owner, admin);
            data.Add(Actor.LockedAdmin, op, v, owner, anonymous);
        }
        Row(EntryOperation.Read, Visibility.Public, Aisc, anonymous: true, own: true, other: true, mentor: true, admin: true);
        Row(EntryOperation.Read, Visibility.Team, Aisc, anonymous: false, own: true, other: true, mentor: true, admin: true);
        Row(EntryOperation.ReadComments, Visibility.Public, Aisc, anonymous: false, own: true, other: true, mentor: true, admin: true);
        Row(EntryOperation.Read, Visibility.Draft, Aisc, anonymous: false, own: false, other: false, mentor: true, admin: true);
        Row(EntryOperation.Create, Visibility.Draft, Aisc, anonymous: false, own: true, other: false, mentor: true, admin: true);
        Row(EntryOperation.Create, Visibility.Draft, null, anonymous: false, own: true, other: true, mentor: true, admin: true);
        Row(EntryOperation.Edit, Visibility.Team, Aisc, anonymous: false, own: true, other: false, mentor: true, admin: true);
        Row(EntryOperation.Edit, Visibility.Public, null, anonymous: false, own: true, other: true, mentor: true, admin: true);
        Row(EntryOperation.Comment, Visibility.Public, Aisc, anonymous: false, own: true, other: true, mentor: true, admin: true);
        Row(EntryOperation.MakePublic, Visibility.Team, Aisc, anonymous: false, own: false, other: false, mentor: true, admin: true);
        Row(EntryOperation.Review, Visibility.Team, Aisc, anonymous: false, own: false, other: false, mentor: true, admin: true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Can_AnswersTheAccessTable(Actor actor, EntryOperation operation, Visibility visibility, int? owner, bool expected) =>
        Assert.Equal(expected, EntryPermissions.Can(User(actor), operation, Entry(visibility, owner)));

    [Theory]
    [InlineData(EntryOperation.Read, Visibility.Draft, true)]
    [InlineData(EntryOperation.Edit, Visibility.Draft, true)]
    [InlineData(EntryOperation.Edit, Visibility.Team, true)]
    [InlineData(EntryOperation.MakePublic, Visibility.Team, false)]
    public void Can_ResearcherOfAnotherProgramListedOnTheEntry_ReadsAndEditsIt(EntryOperation operation, Visibility visibility, bool expected) =>
        Assert.Equal(expected, EntryPermissions.Can(User(Actor.ResearcherOtherProgramListed), operation, Entry(visibility)));

    [Fact]
    public void Can_AuthorOfADraft_ReadsIt() =>
        Assert.True(EntryPermissions.Can(User(Actor.Author), EntryOperation.Read, Entry(Visibility.Draft)));

    [Fact]
    public void Can_LockedUser_IsTreatedAsAnonymous()
    {
        var locked = User(Actor.LockedAdmin);
        Assert.True(EntryPermissions.Can(locked, EntryOperation.Read, Entry(Visibility.Public)));
        Assert.False(EntryPermissions.Can(locked, EntryOperation.Read, Entry(Visibility.Team)));
        Assert.False(EntryPermissions.Can(locked, EntryOperation.Edit, Entry(Visibility.Public, owner: null)));
    }
}
