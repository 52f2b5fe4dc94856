namespace Promisingness.Web.Security;

public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string Mentor = nameof(Mentor);
    public const string Researcher = nameof(Researcher);

    public static readonly IReadOnlyList<string> All = [Admin, Mentor, Researcher];
}
