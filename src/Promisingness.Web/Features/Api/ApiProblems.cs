using Microsoft.AspNetCore.Http.HttpResults;

namespace Promisingness.Web.Features.Api;

/// <summary>The API's errors, as RFC 9457 problem details with a sentence that says what to do.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail = "There is no such entry, or you may not read it.") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult TooMany(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");

    /// <summary>The problem an <see cref="ApiAnswer{T}"/> refused with.</summary>
    public static ProblemHttpResult Of<T>(ApiAnswer<T> answer) where T : class => answer.Status switch
    {
        StatusCodes.Status301MovedPermanently => NotFound(answer.Problem!),
        StatusCodes.Status404NotFound => NotFound(answer.Problem!),
        StatusCodes.Status401Unauthorized => Unauthorized(answer.Problem!),
        StatusCodes.Status403Forbidden => Forbidden(answer.Problem!),
        StatusCodes.Status409Conflict => TypedResults.Problem(answer.Problem, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        StatusCodes.Status429TooManyRequests => TooMany(answer.Problem!),
        StatusCodes.Status503ServiceUnavailable => TypedResults.Problem(answer.Problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not saved"),
        _ => BadRequest(answer.Problem!),
    };

    public static Results<Ok<T>, ProblemHttpResult> OkOr<T>(ApiAnswer<T> answer) where T : class =>
        answer.Value is { } value ? TypedResults.Ok(value) : Of(answer);

    /// <summary>A form's errors as one sentence per field, each named as the JSON names it ("body: …").</summary>
    public static string FieldErrors(IReadOnlyDictionary<string, string> errors) =>
        string.Join(" ", errors.Select(e => $"{char.ToLowerInvariant(e.Key[0])}{e.Key[1..]}: {e.Value}"));

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Machine access is off");
}
