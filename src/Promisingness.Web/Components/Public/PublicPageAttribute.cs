namespace Promisingness.Web.Components.Public;

/// <summary>
/// Marks a page that anonymous visitors read: they get it as a static, output-cached page with no
/// circuit and no cookie, while signed-in members get the same page interactive.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicPageAttribute : Attribute;
