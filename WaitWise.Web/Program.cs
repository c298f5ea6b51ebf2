using WaitWise.Web.Hosting;

var app = await WaitWiseApp.CreateAsync(args);
await app.RunAsync();
