(function(){
  function apply(box){
    var table=document.getElementById(box.getAttribute("data-table"));
    var q=(box.querySelector("input")||{value:""}).value.trim().toLowerCase();
    var s=box.querySelector("select");var want=s?s.value:"";
    var shown=0;
    table.querySelectorAll("tbody tr").forEach(function(r){
      var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!want||r.getAttribute("data-state")===want);
      r.hidden=!ok;if(ok){shown++;}
    });
    var c=box.querySelector("output");if(c){c.textContent=String(shown);}
  }
  document.querySelectorAll(".filter").forEach(function(box){
    box.addEventListener("input",function(){apply(box);});
    box.addEventListener("change",function(){apply(box);});
    apply(box);
  });
})();
