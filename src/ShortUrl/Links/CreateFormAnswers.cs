using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
namespace ShortUrl.Links;

/// <summary>
/// The page's form posted without JavaScript (<see cref="LinksApi.AnswerOf"/> says HTML) gets a page whatever happens,
/// never raw problem JSON: the endpoint answers with <see cref="CreatePages"/> itself where it can; a problem from a
/// filter in front of it (an API key missing) is turned into the page here; and what the framework answers for it (the
/// exception handler's 500, a status code page) goes through <see cref="ProblemWriter"/>, which writes the page instead.
/// </summary>
internal static class CreateFormAnswers
{
    /// <summary>The endpoint's no-JS form posts are answered with pages, for every status.</summary>
    public static RouteHandlerBuilder AnswerFormPostsWithPages(this RouteHandlerBuilder endpoint) => endpoint
        .WithMetadata(FormPostsGetPages.Instance)
        .AddEndpointFilter(async (invocation, next) =>
        {
            var result = await next(invocation);
            var context = invocation.HttpContext;
            if (LinksApi.AnswerOf(context.Request) != Representation.Html)
            {
                return result;
            }

            var inner = result;
            while (inner is INestedHttpResult nested)
            {
                inner = nested.Result;
            }

            return inner switch
            {
                ProblemHttpResult problem => Page(context, problem.ProblemDetails),
                ValidationProblem validation => Page(context, validation.ProblemDetails),
                _ => result,
            };
        });

    /// <summary>What the create endpoint read from the form, so that a page for a failure can show it again.</summary>
    public static void RememberEntered(HttpContext context, CreateLinkRequest entered) => context.Items[typeof(CreateLinkRequest)] = entered;

    private static ContentHttpResult Page(HttpContext context, ProblemDetails problem)
    {
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        var field = problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation ? validation.Errors.Keys.First() : null;
        return context.RequestServices.GetRequiredService<CreatePages>().CreateFailed(
            status,
            problem.Detail ?? Problems.DefaultDetail(status),
            field,
            context.Items.TryGetValue(typeof(CreateLinkRequest), out var entered) ? entered as CreateLinkRequest : null);
    }

    /// <summary>Marks the endpoints whose no-JS form posts get pages.</summary>
    private sealed class FormPostsGetPages
    {
        public static readonly FormPostsGetPages Instance = new();
    }

    /// <summary>
    /// Writes the page in place of the problem the framework writes for such a post (registered ahead of the default
    /// writer). The exception handler has taken the endpoint off the request by then, and passes its metadata along.
    /// </summary>
    internal sealed class ProblemWriter : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) =>
            (context.AdditionalMetadata?.GetMetadata<FormPostsGetPages>() ?? context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<FormPostsGetPages>()) is not null
            && LinksApi.AnswerOf(context.HttpContext.Request) == Representation.Html;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            // The exception handler clears the response's headers before it writes.
            SecurityHeaders.Apply(http);
            context.ProblemDetails.Status ??= http.Response.StatusCode;
            return new ValueTask(Page(http, context.ProblemDetails).ExecuteAsync(http));
        }
    }
}
