"""The article pane: laying an article out as screen lines, painting them, and the widget
that scrolls, moves a reading cursor and selects over them (see `view.ArticleView`)."""
