# The wiki as a container: SQLite on the /data volume, the seed README imported on first start.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Promisingness.Web/Promisingness.Web.csproj src/Promisingness.Web/WikiRuntime.props src/Promisingness.Web/
RUN dotnet restore src/Promisingness.Web/Promisingness.Web.csproj
COPY src/ src/
RUN dotnet publish src/Promisingness.Web/Promisingness.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__Wiki="DataSource=/data/wiki.db"
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Promisingness.Web.dll"]
