using Promisingness.Web.Features.Credences;

namespace Promisingness.Tests.Credences;

/// <summary>The credence arithmetic and the reading of a typed percentage: rules with no database, so no app of their own.</summary>
public sealed class CredenceArithmeticTests
{
    [Theory]
    [InlineData(new double[] { 0.3 }, 0.3)]
    [InlineData(new double[] { 0.9, 0.1, 0.5 }, 0.5)]
    [InlineData(new double[] { 0.001, 0.2, 0.4, 0.9 }, 0.3)]
    public void Median_OfOddAndEvenCounts(double[] values, double expected) => Assert.Equal(expected, CredenceBook.Median(values)!.Value, 10);

    [Fact]
    public void Median_OfNothing_IsNull() => Assert.Null(CredenceBook.Median([]));

    [Theory]
    [InlineData(0.001, "0.1 %")]
    [InlineData(0.00015, "0.015 %")]
    [InlineData(0.25, "25 %")]
    [InlineData(0.995, "99.5 %")]
    [InlineData(1, "100 %")]
    public void Format_ShowsTheDecimalsASmallProbabilityNeeds(double probability, string expected) => Assert.Equal(expected, CredenceBook.Format(probability));

    [Theory]
    [InlineData("150", null, CredenceBook.OutOfRange)]
    [InlineData("-5", null, CredenceBook.OutOfRange)]
    [InlineData("100.001", null, CredenceBook.OutOfRange)]
    [InlineData("abc", null, "That is not a number. " + CredenceBook.OutOfRange)]
    [InlineData("1e2", null, "That is not a number. " + CredenceBook.OutOfRange)]
    [InlineData("NaN", null, CredenceBook.OutOfRange)]
    [InlineData("Infinity", null, CredenceBook.OutOfRange)]
    [InlineData("", null, CredenceBook.OutOfRange)]
    [InlineData("0", 0.0, null)]
    [InlineData("100", 100.0, null)]
    [InlineData(" 12,5 % ", 12.5, null)]
    [InlineData("0.01", 0.01, null)]
    public void ReadPercent_RefusesWhatIsNotAProbability_NeverClampsIt(string text, double? expected, string? problem)
    {
        var (percent, message) = CredenceBook.ReadPercent(text);
        Assert.Equal(expected, percent);
        Assert.Equal(problem, message);
    }
}
