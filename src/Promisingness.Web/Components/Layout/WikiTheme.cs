using MudBlazor;

namespace Promisingness.Web.Components.Layout;

public static class WikiTheme
{
    public static readonly MudTheme Theme = new()
    {
        // Labels and helper texts in the wiki's muted colour, and darker red and orange: MudBlazor's defaults fall
        // short of WCAG AA's 4.5:1 on the page (AccessibilityTests).
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            AppbarBackground = "#3f51b5",
            TextSecondary = "#5b5b6e",
            Error = "#c62828",
            Warning = "#9a5b00",
        },
        PaletteDark = new PaletteDark { Primary = "#9fa8ff" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
