using Flyte.Devbox.Connect;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Connect;

/// <summary>The protocol's table of error codes, and the JSON errors and stream ends are written in.</summary>
public sealed class ConnectCodesTests
{
    [Theory]
    [InlineData(StatusCode.Cancelled, "canceled", 499)]
    [InlineData(StatusCode.Unknown, "unknown", 500)]
    [InlineData(StatusCode.InvalidArgument, "invalid_argument", 400)]
    [InlineData(StatusCode.DeadlineExceeded, "deadline_exceeded", 504)]
    [InlineData(StatusCode.NotFound, "not_found", 404)]
    [InlineData(StatusCode.AlreadyExists, "already_exists", 409)]
    [InlineData(StatusCode.PermissionDenied, "permission_denied", 403)]
    [InlineData(StatusCode.ResourceExhausted, "resource_exhausted", 429)]
    [InlineData(StatusCode.FailedPrecondition, "failed_precondition", 400)]
    [InlineData(StatusCode.Aborted, "aborted", 409)]
    [InlineData(StatusCode.OutOfRange, "out_of_range", 400)]
    [InlineData(StatusCode.Unimplemented, "unimplemented", 501)]
    [InlineData(StatusCode.Internal, "internal", 500)]
    [InlineData(StatusCode.Unavailable, "unavailable", 503)]
    [InlineData(StatusCode.DataLoss, "data_loss", 500)]
    [InlineData(StatusCode.Unauthenticated, "unauthenticated", 401)]
    [InlineData((StatusCode)99, "unknown", 500)]
    public void Each_code_has_its_name_and_http_status(StatusCode code, string name, int httpStatus)
    {
        Assert.Equal(name, ConnectCodes.Name(code));
        Assert.Equal(httpStatus, ConnectCodes.HttpStatus(code));
    }

    [Fact]
    public void An_error_is_its_code_and_its_message_if_any()
    {
        Assert.Equal("""{"code":"not_found","message":"run 'x' <gone> & \"away\""}""",
            System.Text.Encoding.UTF8.GetString(ConnectErrorJson.Error(new Status(StatusCode.NotFound, "run 'x' <gone> & \"away\""))));
        Assert.Equal("""{"code":"unimplemented"}""", System.Text.Encoding.UTF8.GetString(ConnectErrorJson.Error(new Status(StatusCode.Unimplemented, ""))));
    }

    [Fact]
    public void The_end_of_a_stream_carries_the_error_and_the_trailers_binary_ones_as_unpadded_base64()
    {
        var trailers = new Metadata { { "cost", "3" }, { "cost", "4" }, { "trace-bin", new byte[] { 0xff, 0x00 } } };

        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(ConnectErrorJson.EndStream(null, [])));
        Assert.Equal("""{"error":{"code":"unavailable","message":"busy"},"metadata":{"cost":["3","4"],"trace-bin":["/wA"]}}""",
            System.Text.Encoding.UTF8.GetString(ConnectErrorJson.EndStream(new Status(StatusCode.Unavailable, "busy"), trailers)));
    }

    [Theory]
    [InlineData("application/proto", false, false)]
    [InlineData("application/json", true, false)]
    [InlineData("Application/JSON; charset=UTF-8", true, false)]
    [InlineData("application/connect+proto", false, true)]
    [InlineData("application/connect+json;charset=utf-8", true, true)]
    public void Connect_content_types_are_recognized(string contentType, bool json, bool streaming) =>
        Assert.Equal(new ConnectContentType(json ? ConnectCodec.Json : ConnectCodec.Proto, streaming), ConnectContentType.Parse(contentType));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/grpc")]
    [InlineData("application/grpc-web+proto")]
    [InlineData("application/proto; charset=utf-8")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/json; x=1")]
    [InlineData("application/connect+thrift")]
    [InlineData("text/plain")]
    public void Other_content_types_are_not_connects(string? contentType) =>
        Assert.Null(ConnectContentType.Parse(contentType));
}
