using Promisingness.Web.Features.Search;

namespace Promisingness.Tests.Search;

public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("sparse autoencoders", "\"sparse\"* AND \"autoencoders\"*")]
    [InlineData("  Sparse   AUTO ", "\"sparse\"* AND \"auto\"*")]
    [InlineData("\"chain of thought\"", "\"chain of thought\"")]
    [InlineData("weak \"chain of thought\" strong", "\"weak\"* AND \"chain of thought\" AND \"strong\"*")]
    [InlineData("“chain of thought”", "\"chain of thought\"")]
    [InlineData("chain-of-thought", "\"chain of thought\"*")]
    [InlineData("GPT-4", "\"gpt 4\"")]
    [InlineData("a b", "\"a\" AND \"b\"")]
    [InlineData("\"unclosed phrase", "\"unclosed phrase\"")]
    [InlineData("naïve café", "\"naïve\"* AND \"café\"*")]
    [InlineData("weak weak WEAK", "\"weak\"*")]
    [InlineData("scaling", "(\"scaling\"* OR \"scalabl\"*)")]
    [InlineData("scale", "(\"scale\"* OR \"scalabl\"*)")]
    [InlineData("scaled laws", "(\"scaled\"* OR \"scalabl\"*) AND \"laws\"*")]
    [InlineData("\"scaling\"", "\"scaling\"")]
    [InlineData("computing testing sparse", "\"computing\"* AND \"testing\"* AND \"sparse\"*")]
    public void Parse_TurnsTextIntoQuotedTerms(string text, string match)
    {
        Assert.Equal(match, SearchTerms.Parse(text).ToMatch());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("\"\"")]
    [InlineData("((( *** ---")]
    [InlineData("🙂🙂 🚀")]
    [InlineData(": ^ \" ( ) * - + , ; ' `")]
    public void Parse_TextWithoutWords_IsEmpty(string? text)
    {
        Assert.True(SearchTerms.Parse(text).IsEmpty);
    }

    [Theory]
    [InlineData("title:secret", "\"title secret\"*")]
    [InlineData("NEAR(a b)", "\"near a\" AND \"b\"")]
    [InlineData("alignment OR safety", "\"alignment\"* AND \"or\"* AND \"safety\"*")]
    [InlineData("-draft", "\"draft\"*")]
    [InlineData("^start", "\"start\"*")]
    [InlineData("x'); DROP TABLE Entries;--", "\"x\" AND \"drop\"* AND \"table\"* AND \"entries\"*")]
    public void Parse_Fts5Syntax_IsSearchedAsPlainWords(string text, string match)
    {
        Assert.Equal(match, SearchTerms.Parse(text).ToMatch());
    }

    [Fact]
    public void Parse_LongText_KeepsTheFirstTermsAndSaysItCutTheRest()
    {
        var terms = SearchTerms.Parse(string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"word{i}")));

        Assert.True(terms.Truncated);
        Assert.Equal(SearchTerms.MaxTerms, terms.Terms.Count);
        Assert.Equal("word0", terms.Terms[0].Words[0]);
    }

    [Fact]
    public void Parse_LongPhrase_IsCutToItsFirstWords()
    {
        var terms = SearchTerms.Parse("\"" + string.Join(' ', Enumerable.Repeat("many", 40)) + "\"");

        Assert.Equal(SearchTerms.MaxWordsPerPhrase, Assert.Single(terms.Terms).Words.Count);
        Assert.True(terms.Truncated);
    }

    [Fact]
    public void ToMatch_WithTheIndexsWordsForBothFormsOfAPrefix_OrsThemAll()
    {
        var match = SearchTerms.Parse("large-scaling").ToMatch(last => last == "scaling" ? ["scale"] : ["scalabl", "scalar"]);

        Assert.Equal("(\"large scale\" OR \"large scalabl\" OR \"large scalar\")", match);
    }

    [Fact]
    public void ToMatch_WithTheIndexsWordsForAPrefix_OrsThem()
    {
        var terms = SearchTerms.Parse("auto chain-of-thou");

        var match = terms.ToMatch(last => last == "auto" ? ["autoencoder", "autoencoders"] : ["thought"]);

        Assert.Equal("(\"autoencoder\" OR \"autoencoders\") AND \"chain of thought\"", match);
    }
}
