"""Report pages: the dashboard (`dashboards`) and the periodic report runs (`runs`)."""
